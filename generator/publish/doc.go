// Package publish is the last stage of a build: it minifies the rendered
// files, names assets by their content, precompresses text files and
// publishes the site into a directory, writing only what changed.
//
// # Writing
//
// Stages hand their output to a [Sink]: a destination addressed by
// slash-separated paths relative to the site root ("index.html",
// "css/style.css"). Two sinks are provided: [Tx], which writes a build to
// disk, and [Memory], which keeps it in memory for the development server.
// Every sink rejects paths that are absolute, contain ".." or are not clean
// (see [ErrInvalidPath]).
//
// # Publishing
//
// [Begin] starts a transaction for a destination directory DEST. Files
// given to [Tx.WriteFile] are staged in a directory beside DEST (same
// parent, hence same file system) named ".<base>.tmp-*", and
// [Tx.Commit] publishes them. A build that fails ([Tx.Abort]) or is
// killed before Commit leaves DEST exactly as it was; the next Begin
// removes what it left.
//
// # Publishing by difference
//
// Beside DEST lies its manifest, ".<base>.manifest": the path, size and
// SHA-256 (128 bits) of every file the last build published, with the
// modification time and inode number each had when written. Into a DEST
// that holds a previous build, WriteFile stages only files whose bytes
// DEST does not already hold; Commit renames them over their old
// versions (each reader sees a file whole, old or new), then removes the
// files and directories no longer produced. Unchanged files are never
// touched: same inode, same modification time, so rsync or a sync to
// object storage moves only what changed. The order is: first the files
// that others refer to (assets, search shards), then pages, feeds and
// [Options.Last] (such as a search manifest), then the removals.
//
// The manifest is never trusted blindly. Begin lists DEST and compares
// each file's size, modification time and inode with the manifest; a file
// that differs (edited, replaced, or modified in the same clock tick as
// the manifest was written) is read and hashed again when its bytes
// matter; a file the manifest does not list is removed; a listed file
// that is missing is written again. A DEST with no readable manifest (say,
// from an older version) is compared by its bytes.
//
// Before the first rename Commit writes a journal, ".<base>.journal",
// listing the renames and removals and holding the new manifest. A build
// killed while publishing leaves every file old or new; the next Begin
// carries out the journal again (each step can be repeated) before it
// does anything else, so that DEST then holds exactly that build, and a
// later build compares against it.
//
// Into an absent or empty DEST the build is staged whole and renamed
// into place in one step (Linux renameat2 with RENAME_EXCHANGE for an
// empty DEST, or, where the kernel or file system lacks it, two renames:
// DEST to ".<base>.old-*" and the staging directory to DEST, which the
// next Begin undoes if a kill falls between them). An absent DEST stays
// absent until a build completes. Such a fresh build makes one mkdir(2)
// per directory and one open, write, fstat and close per file.
//
// Since a fresh build is renamed into place, DEST must not be a mount
// point: publish into a directory inside the mount instead. Begin takes an
// flock(2) on DEST's parent, so two builds beside each other cannot run
// at once; the kernel drops it when a build dies.
//
// DEST must be absent, empty, or marked by a previous build with the
// marker file [Marker]. Anything else — a home directory, a source tree —
// is refused with a [*DestError] and never emptied. Leftovers beside DEST
// are removed only if they hold the marker or nothing, and the marker is
// always the last file removed from a tree.
//
// Files are written with mode 0644 and directories with 0755 (less the
// umask). No file is synced on its own: a kill cannot lose data that
// write(2) accepted, and [Options.Sync] guards against power loss with
// one flush before the publish and one after.
//
// After a commit DEST holds exactly the files of this build, the marker,
// and the names listed in [Options.Keep], which a build leaves alone
// (such as ".git" or "CNAME"): pages of deleted stories do not linger.
//
// # Assets
//
// [Minifier] minifies HTML, CSS, JavaScript (including ES modules), SVG,
// JSON and XML with github.com/tdewolff/minify/v2; [Fingerprint] names an
// asset by its SHA-256 and computes its Subresource Integrity value. With
// [Options.Compress], text files get ".gz" and ".br" siblings for hosts
// that serve precompressed files (nginx gzip_static and brotli_static).
package publish
