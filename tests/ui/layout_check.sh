#!/bin/sh
# The layout rules over replay dumps ("x y w h role label" lines after a "# WxH short=..." header):
# every labelled widget lies inside the screen, no two labelled widgets overlap, every tap target
# is at least 1/12 of the short side each way, every line of text at least 1/30 of it tall, and
# no text is cut: a role of "label/cut" or "button/cut" (the screen drew "…" where the text did not
# fit) fails everywhere; "/tail" (a staff screen's note or reason, whose end tells no rows apart:
# UI_TAIL) fails on a member's screen only (any screen but staff_*). A toast ("/over") may cover
# other widgets.
#   layout_check.sh DUMP...   prints one line per problem; exits 1 if there were any.
status=0
for f in "$@"; do
  awk -v file="$f" '
    NR == 1 {
      split($2, wh, "x"); W = wh[1]; H = wh[2]
      for (i = 3; i <= NF; i++) { split($i, kv, "="); hdr[kv[1]] = kv[2] }
      S = hdr["short"]; staff = hdr["screen"] ~ /^staff_/; next
    }
    /^#/ { next }
    {
      x = $1; y = $2; w = $3; h = $4; role = $5; cut = ""; over = 0
      nf = split(role, rc, "/"); role = rc[1]
      for (k = 2; k <= nf; k++) if (rc[k] == "over") over = 1; else cut = rc[k]
      label = $0; sub(/^[^ ]+ [^ ]+ [^ ]+ [^ ]+ [^ ]+ ?/, "", label)
      if (label == "") next
      if (cut == "cut" || (cut == "tail" && !staff))
        printf "%s: \"%s\" is cut (%s %dx%d)\n", file, label, role, w, h
      if (x < 0 || y < 0 || x + w > W || y + h > H)
        printf "%s: \"%s\" at %d,%d %dx%d is outside the %dx%d screen\n", file, label, x, y, w, h, W, H
      if (role == "button" && (w * 12 < S || h * 12 < S))
        printf "%s: button \"%s\" is %dx%d, smaller than 1/12 of %d\n", file, label, w, h, S
      if (role == "label" && h * 30 < S)
        printf "%s: text \"%s\" is %d px tall, smaller than 1/30 of %d\n", file, label, h, S
      n++; X[n] = x; Y[n] = y; Wd[n] = w; Ht[n] = h; L[n] = label; O[n] = over
    }
    END {
      for (i = 1; i <= n; i++)
        for (j = i + 1; j <= n; j++) {
          ox = (X[i] + Wd[i] < X[j] + Wd[j] ? X[i] + Wd[i] : X[j] + Wd[j]) - (X[i] > X[j] ? X[i] : X[j])
          oy = (Y[i] + Ht[i] < Y[j] + Ht[j] ? Y[i] + Ht[i] : Y[j] + Ht[j]) - (Y[i] > Y[j] ? Y[i] : Y[j])
          if (ox > 1 && oy > 1 && !O[i] && !O[j])
            printf "%s: \"%s\" overlaps \"%s\"\n", file, L[i], L[j]
        }
    }' "$f" | grep . && status=1
done
exit $status
