#!/bin/sh
# Generate the Han -> pinyin-initials table used by kiosk/core/text/pinyin.c, so that members can find
# their name by typing initials (张秀兰 -> ZXL).
#   sh kiosk/tools/gen_pinyin.sh Unihan_Readings.txt.bz2 pinyin_overrides.txt > pinyin_table.c
#
# Every reading in kMandarin, kHanyuPinyin, kXHC1983 and kTGHZ2013 contributes its first letter,
# so a polyphonic surname (单 dān/shàn, 曾 céng/zēng) matches whichever initial a member types.
# The "primary" initial, shown on screen, is the first kMandarin reading (the customary one in
# mainland China), falling back to the other fields in the order above.
#
# Output: pinyin_table[], one uint32_t per character, (code point << 11) | class, sorted, and
# pinyin_classes[], the distinct (mask, primary) pairs: some 41k characters share under a thousand
# pairs, so this is 4 bytes a character instead of 12 for a struct.
#
# Plain POSIX sh, awk and sort: the awk runs in the C locale so that mawk (Debian's default) and
# gawk both see bytes, not characters, and produce byte-identical output. No bitwise operators,
# no strtonum, no asort: mawk has none of them.
set -u

unihan=${1:?usage: gen_pinyin.sh Unihan_Readings.txt.bz2 pinyin_overrides.txt}
overrides=${2:?usage: gen_pinyin.sh Unihan_Readings.txt.bz2 pinyin_overrides.txt}
if [ ! -r "$unihan" ]; then
  echo "gen_pinyin.sh: cannot read $unihan; install Debian's unicode-data package" >&2
  exit 1
fi
if [ ! -r "$overrides" ]; then
  echo "gen_pinyin.sh: cannot read $overrides" >&2
  exit 1
fi
LC_ALL=C
export LC_ALL

# Stage 1 prints "CODEPOINT MASK PRIMARY" per character, in no particular order; a line starting
# with "!" means an error was already reported on stderr ("!" sorts before any hex digit, so
# stage 2 sees it first). A failing bzcat is turned into such a line, since sh has no pipefail.
{ bzcat "$unihan" || printf '\n!bzcat failed\n'; } |
awk -v overrides="$overrides" -v src="$unihan" '
function fail(msg) {
  print "gen_pinyin.sh: " msg > "/dev/stderr"
  failed = 1
}

function hex2num(s,    i, n) {
  n = 0
  for (i = 1; i <= length(s); i++)
    n = n * 16 + index("0123456789ABCDEF", toupper(substr(s, i, 1))) - 1
  return n
}

# Decode the first UTF-8 sequence of s (bytes, C locale) into a code point; -1 if malformed.
function utf8cp(s,    b, n, i, c) {
  b = ord[substr(s, 1, 1)]
  if (b < 128) return b
  if (b >= 240) { n = 4; c = b - 240 }
  else if (b >= 224) { n = 3; c = b - 224 }
  else if (b >= 192) { n = 2; c = b - 192 }
  else return -1
  if (length(s) < n) return -1
  for (i = 2; i <= n; i++) {
    b = ord[substr(s, i, 1)]
    if (b < 128 || b >= 192) return -1
    c = c * 64 + b - 128
  }
  return c
}

# The upper-case initial letter of one reading. Readings are lower case with tone marks on the
# first letter only when it is a vowel, or for interjections (嗯 ń, 呣 ḿ, 欸 ế); never with ü.
function initial(r, where,    c, n) {
  c = substr(r, 1, 1)
  if (c ~ /^[A-Za-z]$/) return toupper(c)
  n = ord[c] >= 240 ? 4 : ord[c] >= 224 ? 3 : 2
  c = substr(r, 1, n)
  if (c in base) return base[c]
  fail("no initial letter known for reading \"" r "\" (" where ");" \
       " add its first character to the base[] table in gen_pinyin.sh")
  return ""
}

function add(cp, letter) {
  if (letter == "") return
  if (!(cp in letters)) letters[cp] = ""
  if (index(letters[cp], letter) == 0) letters[cp] = letters[cp] letter
}

BEGIN {
  FS = "\t"
  for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i
  rank["kMandarin"] = 1; rank["kHanyuPinyin"] = 2; rank["kXHC1983"] = 3; rank["kTGHZ2013"] = 4

  # Every non-ASCII first character of a reading in Unihan 15, plus the other toned vowels so
  # that a later Unihan does not fail the build over one more interjection. Readings written
  # with a combining mark (ê̄ = ê U+0304, m̀ = m U+0300) are looked up by their first character.
  n = split("ā a á a ǎ a à a ē e é e ě e è e ê e ế e ề e ō o ó o ǒ o ò o " \
            "ī i í i ǐ i ì i ū u ú u ǔ u ù u ḿ m ń n ň n ǹ n", t, " ")
  for (i = 1; i < n; i += 2) base[t[i]] = toupper(t[i + 1])

  # Overrides: "CHARACTER LETTERS # why", LETTERS being one or more initials (spaces allowed).
  line = 0
  while ((rc = (getline l < overrides)) > 0) {
    line++
    sub(/#.*/, "", l)
    gsub(/^[ \t\r]+|[ \t\r]+$/, "", l)
    if (l == "") continue
    m = split(l, f, /[ \t]+/)
    cp = utf8cp(f[1])
    if (cp < 0 || length(f[1]) > (cp < 128 ? 1 : cp < 2048 ? 2 : cp < 65536 ? 3 : 4) || m < 2) {
      fail(overrides ":" line ": expected one character and its initials, e.g. \"单 S\"")
      continue
    }
    for (j = 2; j <= m; j++) {
      if (f[j] !~ /^[A-Za-z]+$/) {
        fail(overrides ":" line ": \"" f[j] "\" is not a list of initial letters")
        continue
      }
      for (i = 1; i <= length(f[j]); i++) {
        c = toupper(substr(f[j], i, 1))
        if (index(extra[cp], c) == 0) extra[cp] = extra[cp] c
      }
    }
  }
  if (rc < 0) fail("cannot read " overrides)
  close(overrides)
}

$0 == "!bzcat failed" { fail("bzcat could not decompress " src); next }
/^#/ || !($2 in rank) { next }

{
  if ($1 !~ /^U\+[0-9A-F]+$/) { fail("unexpected line " NR ": " $0); next }
  cp = hex2num(substr($1, 3))
  seen++
  # kHanyuPinyin "10019.020,10019.030:tiàn,tiǎn 10020.010:qiān"; kXHC1983 and kTGHZ2013 are
  # "page.position:reading"; kMandarin is "shěn chén". The reading follows the last colon.
  n = split($3, ent, " ")
  for (i = 1; i <= n; i++) {
    sub(/^.*:/, "", ent[i])
    m = split(ent[i], rd, ",")
    for (j = 1; j <= m; j++) {
      c = initial(rd[j], $1 " " $2)
      add(cp, c)
      if (!(cp in prank) || rank[$2] < prank[cp]) { prank[cp] = rank[$2]; primary[cp] = c }
    }
  }
}

END {
  if (seen < 20000) fail("only " seen " readings in " src "; is it Unihan_Readings.txt?")
  for (cp in extra) {
    for (i = 1; i <= length(extra[cp]); i++) add(cp, substr(extra[cp], i, 1))
    if (!(cp in primary) || primary[cp] == "") primary[cp] = substr(extra[cp], 1, 1)
  }
  if (failed) { print "!failed"; exit 1 }
  A = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
  for (cp in letters) {
    mask = 0
    for (i = 1; i <= length(letters[cp]); i++)
      mask += 2 ^ (index(A, substr(letters[cp], i, 1)) - 1)
    printf "%06X %d %d\n", cp, mask, index(A, primary[cp])
  }
}
' |
sort |
awk '
# Stage 2: number the distinct (mask, primary) pairs in order of first use and print the C file.
# nclass starts as a number, not "", since it is also an array subscript.
BEGIN { nclass = 0; n = 0 }
/^!/ { failed = 1; exit 1 }
{
  if (!(($2, $3) in cls)) {
    cls[$2, $3] = nclass
    cmask[nclass] = $2; cprim[nclass] = $3
    nclass++
  }
  if (n == 0) {
    print "/* Generated by kiosk/tools/gen_pinyin.sh from Unihan_Readings.txt and"
    print " * kiosk/tools/pinyin_overrides.txt; do not edit. See core/text/pinyin.h for the layout. */"
    print "#include \"core/text/pinyin.h\""
    print ""
    print "#define E(cp, cls) ((uint32_t)(cp) << PINYIN_CLASS_BITS | (cls))"
    print "const uint32_t pinyin_table[] = {"
  }
  printf "%s", (n % 8 == 0 ? "\t" : " ")
  cp = $1
  sub(/^0+/, "", cp)
  printf "E(0x%s,%d),", cp, cls[$2, $3]
  if (n % 8 == 7) printf "\n"
  n++
}
END {
  if (failed) exit 1
  if (n < 20000) {
    print "gen_pinyin.sh: only " n " characters with readings; not writing a table" \
      > "/dev/stderr"
    exit 1
  }
  if (nclass > 2048) {
    print "gen_pinyin.sh: " nclass " classes do not fit PINYIN_CLASS_BITS" > "/dev/stderr"
    exit 1
  }
  if (n % 8 != 0) printf "\n"
  print "};"
  print "#undef E"
  print "const size_t pinyin_table_len = " n ";"
  print ""
  print "/* Bits 0-25: every possible initial, A-Z; bits 26-30: the primary initial, 1 = A. */"
  print "const uint32_t pinyin_classes[] = {"
  for (i = 0; i < nclass; i++)
    printf "%s0x%08x,%s", (i % 8 == 0 ? "\t" : " "), cmask[i] + cprim[i] * 67108864,
      (i % 8 == 7 ? "\n" : "")
  if (nclass % 8 != 0) printf "\n"
  print "};"
  print "const size_t pinyin_classes_len = " nclass ";"
}
'
