// Package deploy uploads a built site to S3-compatible object storage
// (Alibaba Cloud OSS, Tencent COS, Amazon S3 and others) by difference:
// only the files whose bytes differ from the bucket's are uploaded, and
// objects that no longer exist locally are deleted.
//
// # Configuration
//
// [LoadConfig] reads Hugo's own [deployment] keys from hugo.toml, so one
// file configures both `showcase deploy` and `hugo deploy`:
//
//	[deployment]
//	maxDeletes = 256          # optional; -1 lifts the limit
//	workers = 10              # optional
//	order = ['\.css$']        # optional: regexps; matches of earlier ones upload first
//
//	[[deployment.targets]]
//	name = "oss"
//	URL = "s3://BUCKET?endpoint=https://s3.oss-cn-hangzhou.aliyuncs.com&region=cn-hangzhou"
//	include = "**"            # optional glob over the site-relative path
//	exclude = "**.psd"        # optional glob
//
//	[[deployment.matchers]]
//	pattern = '^.+\.(js|css|svg)$'   # Go regexp over the site-relative path
//	cacheControl = "public, max-age=31536000, immutable"
//	contentType = ""           # overrides the type chosen by extension
//	gzip = true                # upload gzip-compressed, Content-Encoding: gzip
//	force = false              # upload even when unchanged
//
// Keys are matched without regard to case, as Hugo does. A target URL is
// in gocloud's blob form: s3://BUCKET?region=R&endpoint=URL, with
// use_path_style=true (or Hugo 0.111's s3ForcePathStyle=true) for servers
// that want path-style requests, disable_https=true (or disableSSL=true),
// profile=NAME for a profile of the shared credentials file, and
// prefix=DIR/ to deploy under a key prefix. Credentials come only from the
// SDK's standard sources: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
// AWS_SESSION_TOKEN, AWS_PROFILE, ~/.aws/credentials and ~/.aws/config.
// Request checksums are sent, and response checksums checked, only where
// an operation requires them: several S3-compatible services refuse the
// SDK's newer default.
//
// # What is uploaded
//
// Every regular file under the site directory, except: the build's
// bookkeeping (the build marker and every name beginning with
// ".showcase-"; the build's manifest and journal live beside the site
// directory, not in it), the names in [params.showcase] keep (such as .git), the
// static hosts' _headers and _redirects files, and the ".gz" and ".br"
// siblings that `showcase build --compress` writes beside text files. A
// sibling is uploaded only if some matcher's pattern matches it but not
// the file it was compressed from (for example pattern = '\.html\.gz$').
// The target's include and exclude globs then select among the rest; in
// a glob, * and ** match any run of characters (slashes too), ? one
// character, [abc] a class and {a,b} alternatives.
//
// # Headers
//
// The first matcher whose pattern matches a path sets its headers. Without
// one, Content-Type comes from the file's extension, with
// "; charset=utf-8" for text types; Cache-Control is
// "public, max-age=31536000, immutable" for the content-hashed files
// ([hostfiles.Hashed]: the fingerprinted assets and search index files)
// and "no-cache" for everything else: pages, feeds, the sitemap, the
// search meta file and files that keep their name across builds. A matcher
// with gzip = true uploads the gzip-compressed bytes with
// Content-Encoding: gzip. The aliases of moved pages (the build's
// _redirects) are set as x-amz-website-redirect-location on the alias
// pages, so that S3 website hosting answers them with a 301, except on
// Alibaba Cloud OSS and Tencent COS: there the alias pages, which move the
// reader themselves, are uploaded as they are.
//
// # Comparing
//
// The bucket is listed once. A local file is unchanged when an object with
// its key has the same size and its ETag is the hex MD5 of the bytes that
// would be uploaded (compared without regard to case: OSS writes it in
// capitals). Where the ETag is not an MD5 (multipart uploads, SSE-KMS),
// the object's "md5chksum" metadata, which every upload sets as Hugo's
// does, is read with a HEAD request instead; an object without it is
// uploaded again. Headers are not compared: after changing a matcher,
// deploy with Force to rewrite every object.
//
// The bucket is listed while the local files are hashed, in ranges cut at
// every 900th of the sorted local keys and listed concurrently (S3 lists
// keys in UTF-8 byte order, starting after a given key). The MD5 of each
// file is remembered in the user's cache directory
// (os.UserCacheDir()/showcase/deploy/, one file per site directory) by its
// size, modification time and inode, so that the next deploy reads only
// the files that a build changed: the publish stage leaves unchanged files
// untouched. Files modified within the last seconds are not remembered,
// against file systems with coarse clocks; [Options.NoCache] hashes every
// file.
//
// # Order and failure
//
// Uploads run on [Options.Workers] goroutines, each request retried with
// exponential backoff by the SDK. Files are uploaded in two waves: first
// everything but pages, feeds and the search meta file, then those, so
// that no new page ever points at an asset not yet uploaded. Within a
// wave, files matching the first pattern of [Config.Order] go first, then
// those matching the second, and so on. Deletions run last and only when
// listing, comparing and every upload succeeded. When more objects would
// be deleted than [Options.MaxDeletes], none is, and the [Plan] says so.
// Objects that the target's include and exclude do not select are never
// deleted. Since uploading an object is idempotent, a deploy that was
// interrupted is completed by the next one, which uploads what is still
// missing or different.
//
// Errors are [*Error] values with an English and a Chinese message.
package deploy
