package deploy

import "errors"

// Error is a deploy failure with an English and a Chinese message. Pos,
// when set, is the place in the configuration it comes from
// ("hugo.toml:12").
type Error struct {
	Pos string
	Msg string // English
	Zh  string // Chinese
	Err error  // the cause, if any
}

func (e *Error) Error() string { return e.Localized(false) }

// Localized returns the message in Chinese if zh is set, else in English,
// prefixed by the position and followed by the cause.
func (e *Error) Localized(zh bool) string {
	s := e.Msg
	if zh {
		s = e.Zh
	}
	if e.Pos != "" {
		s = e.Pos + ": " + s
	}
	if e.Err != nil {
		sep := ": "
		if zh {
			sep = "："
		}
		s += sep + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

func newError(en, zh string, cause error) *Error { return &Error{Msg: en, Zh: zh, Err: cause} }

// Localize returns err's message in Chinese if zh is set and err is (or
// wraps) an [*Error], else err.Error().
func Localize(err error, zh bool) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Localized(zh)
	}
	return err.Error()
}
