//go:build linux

package generator

import (
	"fmt"
	"io/fs"
	"syscall"
)

// fileIdentity describes a file so that any change of its bytes changes
// the description: its size, modification and change times, device and
// inode. The change time cannot be set back by its owner.
func fileIdentity(info fs.FileInfo) string {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d %d.%d %d.%d %d %d", st.Size, st.Mtim.Sec, st.Mtim.Nsec, st.Ctim.Sec, st.Ctim.Nsec, st.Dev, st.Ino)
}
