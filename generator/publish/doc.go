// Package publish is the last stage of a build: it minifies the rendered
// files, names assets by their content, precompresses text files and
// publishes the whole site atomically.
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
// [Begin] starts a transaction for a destination directory DEST. The
// build is written into a temporary directory beside DEST (same parent,
// hence same file system) named ".<base>.tmp-*", and [Tx.Commit] swaps it
// in with one atomic rename (Linux renameat2 with RENAME_EXCHANGE), or,
// where the kernel or file system lacks it, with two renames: DEST to
// ".<base>.old-*" and the temporary directory to DEST. A build that fails
// ([Tx.Abort]) or is killed leaves DEST exactly as it was; the next
// [Begin] removes what a killed build left behind and, if a kill fell
// between the two renames, moves the previous DEST back first.
//
// With RENAME_EXCHANGE a server reading DEST sees the old site or the new
// one, never neither; with two renames DEST is missing for the instant
// between them. Since a build is swapped in by renaming, DEST must not be
// a mount point: publish into a directory inside the mount instead. The
// previous tree is removed after the swap under a ".<base>.tmp-*" name.
// Begin takes an flock(2) on DEST's parent, so two builds beside each
// other cannot run at once; the kernel drops it when a build dies.
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
// one flush per build.
//
// After a commit DEST holds exactly the files of this build, the marker,
// and the names listed in [Options.Keep] carried over from the previous
// DEST (such as ".git" or "CNAME"): pages of deleted stories do not
// linger.
//
// # Assets
//
// [Minifier] minifies HTML, CSS, JavaScript (including ES modules), SVG,
// JSON and XML with github.com/tdewolff/minify/v2; [Fingerprint] names an
// asset by its SHA-256 and computes its Subresource Integrity value. With
// [Options.Compress], text files get ".gz" and ".br" siblings for hosts
// that serve precompressed files (nginx gzip_static and brotli_static).
package publish
