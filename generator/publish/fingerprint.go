package publish

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"path"
	"strings"
)

// HashLen is the number of hexadecimal digits of the SHA-256 sum that
// [Fingerprint] puts into a file name.
const HashLen = 12

// Fingerprint names an asset by its content and computes its Subresource
// Integrity value. The hashed name inserts the first [HashLen] hex digits
// of the SHA-256 of data before the extension of name's last element:
// "css/style.css" becomes "css/style.0123456789ab.css", "js/app" becomes
// "js/app.0123456789ab" and ".nojekyll" becomes ".nojekyll.0123456789ab".
// Integrity is "sha384-" followed by the standard base64 encoding of the
// SHA-384 of data, for an integrity attribute. Fingerprint is a pure
// function of its arguments.
func Fingerprint(name string, data []byte) (hashed, integrity string) {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:HashLen/2])
	dir, file := path.Split(name)
	ext := path.Ext(file)
	stem := strings.TrimSuffix(file, ext)
	if stem == "" { // a dot file such as ".nojekyll": no extension to keep
		stem, ext = file, ""
	}
	sri := sha512.Sum384(data)
	return dir + stem + "." + h + ext, "sha384-" + base64.StdEncoding.EncodeToString(sri[:])
}
