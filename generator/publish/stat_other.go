//go:build !unix

package publish

import "io/fs"

// statOf returns what the manifest records of a file lstat described;
// without inode numbers, size and modification time must do.
func statOf(fi fs.FileInfo) fileStat {
	return fileStat{size: fi.Size(), mtime: fi.ModTime().UnixNano(), regular: fi.Mode().IsRegular()}
}
