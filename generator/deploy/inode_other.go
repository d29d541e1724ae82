//go:build !unix

package deploy

import "os"

// inode returns 0: the cache relies on size and modification time alone.
func inode(fi os.FileInfo) uint64 { return 0 }
