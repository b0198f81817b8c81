# Reads a KIOSK_TRACE of the check-in replay and prints one sample a line, "KIND MS":
#   checkin  tap on a name -> the first frame after its commit (the figure)
#   commit   tap on a name -> the commit (synchronous=FULL) of the sign-in
#   done     tap on 完成 (no write: back home, which reads the counts) -> the next frame
#   other    any other tap (签到, 手机尾号) -> the next frame
# A tap is a name tap when a commit comes between it and the next frame; the first tap after a
# sign-in's frame is 完成.
$1 == "tap"    { tap = $2; open = 1; committed = 0; next }
$1 == "commit" { if (open) { print "commit", $2 - tap; committed = 1 } next }
$1 == "frame"  {
	if (!open) next
	if (committed) { print "checkin", $2 - tap; after_checkin = 1 }
	else if (after_checkin) { print "done", $2 - tap; after_checkin = 0 }
	else print "other", $2 - tap
	open = 0
}
