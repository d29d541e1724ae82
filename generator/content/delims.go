package content

import "bytes"

// cutDelimited splits off front matter that opens with the line starting at
// src[open] and closes with the first later line that reads close once
// trimmed of white space, as adrg/frontmatter splits it: it returns the
// bytes between those two lines and the offset of the body, just after the
// closing line. ok is false when the opening line has no line break after it
// or no closing line follows.
func cutDelimited(src []byte, open int, close string) (data []byte, body int, ok bool) {
	nl := bytes.IndexByte(src[open:], '\n')
	if nl < 0 {
		return nil, 0, false
	}
	start := open + nl + 1
	for at := start; at < len(src); {
		end := len(src)
		if nl := bytes.IndexByte(src[at:], '\n'); nl >= 0 {
			end = at + nl + 1
		}
		if string(bytes.TrimSpace(src[at:end])) == close {
			return src[start:at], end, true
		}
		at = end
	}
	return nil, 0, false
}
