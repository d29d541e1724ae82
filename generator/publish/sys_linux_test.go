package publish

import (
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

func TestExplain(t *testing.T) {
	for _, errno := range []error{unix.EBUSY, unix.EXDEV} {
		err := explain(&os.LinkError{Op: "rename", Old: "/srv/public", New: "/srv/.public.old-1", Err: errno})
		if !strings.Contains(err.Error(), "mount point") || !errors.Is(err, errno) {
			t.Errorf("explain(%v) = %v", errno, err)
		}
	}
	if err := explain(unix.EACCES); err != unix.EACCES {
		t.Errorf("explain(EACCES) = %v, want it unchanged", err)
	}
}
