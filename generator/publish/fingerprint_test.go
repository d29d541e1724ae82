package publish

import "testing"

func TestFingerprint(t *testing.T) {
	tests := []struct {
		name, data, hashed, integrity string
	}{
		// SHA-256 and SHA-384 of "" and "abc" are FIPS 180-2 vectors; the
		// last is the example of the W3C Subresource Integrity spec (its
		// SHA-256 from sha256sum).
		{"css/style.css", "", "css/style.e3b0c44298fc.css",
			"sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"},
		{"css/style.css", "abc", "css/style.ba7816bf8f01.css",
			"sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"},
		{"js/app.js", "alert('Hello, world.');", "js/app.ab39cb72c44e.js",
			"sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO"},
		{"style.min.css", "abc", "style.min.ba7816bf8f01.css", ""},
		{"a/b.c/search", "abc", "a/b.c/search.ba7816bf8f01", ""},
		{".nojekyll", "abc", ".nojekyll.ba7816bf8f01", ""},
		{"js/search.mjs", "abc", "js/search.ba7816bf8f01.mjs", ""},
	}
	for _, tt := range tests {
		t.Run(tt.hashed, func(t *testing.T) {
			hashed, integrity := Fingerprint(tt.name, []byte(tt.data))
			if hashed != tt.hashed {
				t.Errorf("Fingerprint(%q) name = %q, want %q", tt.name, hashed, tt.hashed)
			}
			if tt.integrity != "" && integrity != tt.integrity {
				t.Errorf("Fingerprint(%q) integrity = %q, want %q", tt.name, integrity, tt.integrity)
			}
		})
	}
}
