package doc

import (
	"errors"
	"fmt"
)

// Error codes. The CLI maps them to exit codes and the server to HTTP
// statuses, each in one place.
const (
	EInvalid = "invalid" // the input cannot be read as an article
	// ENoArticle: a web page with no article text at all (a menu, a
	// login form, an image gallery): nothing to summarize.
	ENoArticle = "no_article"
	ETooLarge  = "too_large" // the input is over a configured limit
	ETimeout   = "timeout"   // the work took longer than allowed
	EInternal  = "internal"  // a bug: never the caller's fault
)

// Error is an error with a code from the set above and a message meant
// for the user.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, and
// EInternal otherwise.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EInternal
}
