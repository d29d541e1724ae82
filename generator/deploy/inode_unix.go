//go:build unix

package deploy

import (
	"os"
	"syscall"
)

// inode returns fi's inode number, or 0.
func inode(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
