// Package cms lets editors change the site in the browser with Decap CMS:
// the CMS's page and bundle at /admin/, its configuration generated from
// the site, and Decap's local-backend API, which `showcase serve` answers
// so that nothing else needs installing.
//
// # Bundle
//
// [Bundle] is a pinned Decap CMS release ([Version]) vendored in decap/,
// with its licences and a SHA256SUMS file that a test checks against
// every embedded file. The page ([Page]) loads decap-cms.js, which loads
// its chunks from beside itself: no script, style or font comes from
// another host. /admin/ is served under its own Content-Security-Policy
// ([CSP]): the site's policy plus 'unsafe-eval', inline styles and blob:
// images and fetches, which Decap needs; every other path keeps the
// site's.
//
// # Configuration
//
// [Config] writes config.yml from a loaded site: Chinese (locale
// zh_Hans), a folder collection for content/stories whose new entries are
// bundles (content/stories/<slug>/index.md, images beside it) while
// existing single-file stories stay editable where they are, collections
// for regions, categories and tag pages (edit only), and the home, list
// and standalone pages as files. Region and category are choices among
// the site's own (and any other spelling a story uses); a metric's
// qualifier is one of 余, 多, 近, 约 or none; an award's level one of the
// four. Field order is the file's key order. Optional fields left empty
// are written as "" or [], which the loader reads as absent.
//
// # Local backend
//
// A [Handler] answers POST /api/v1 with decap-server's file-system
// protocol: info, entriesByFolder, entriesByFiles, getEntry, persistEntry
// (Decap 3's dataFiles or an older client's entry), getMedia,
// getMediaFile, persistMedia, deleteFile, deleteFiles and
// getDeployPreview. Differences from decap-server: a folder's own
// _index.md is not listed as its entry (it is the list page's intro,
// edited as a page), Markdown files are not listed as media, symlinks are
// neither listed nor followed, and deleting a bundle's index.md deletes
// the bundle when nothing but its images is left in it.
//
// # Safety
//
// The API reads and writes only below content/ and [MediaFolder]. Paths
// are refused unless clean, relative and free of hidden segments; each
// folder is opened as an os.Root and no part of a path may be a symlink,
// so nothing leads out. Writes are atomic (a temporary file in the same
// folder, synced, renamed over the target); files are limited in size.
//
// A write API on loopback can still be reached by any page the editor
// visits (DNS rebinding, cross-site POSTs), so a request is refused unless
// its Host is the server's own address (127.0.0.1, localhost or [::1]
// with its port, or the bound address), its Origin, if any, is that same
// origin, its Content-Type is application/json (parameters allowed) and
// it is a POST. On a non-loopback address the API is offered only with a
// token, sent as a SameSite=Strict cookie that opening /admin/?token=…
// sets, or as a bearer token.
package cms
