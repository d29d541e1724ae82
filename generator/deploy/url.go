package deploy

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Location is a parsed target URL: where the objects go and how to reach
// the service.
type Location struct {
	Bucket       string
	Region       string // "" for the SDK's default
	Endpoint     string // "" for Amazon S3, else a full http(s) URL
	PathStyle    bool   // path-style requests (use_path_style, s3ForcePathStyle)
	Profile      string // shared config profile, "" for the default chain
	Prefix       string // key prefix, "" or ending in "/"
	DisableHTTPS bool
}

// urlParams are the query parameters of a target URL that deploy reads.
// "awssdk" chooses gocloud's SDK version and is accepted and ignored.
var urlParams = []string{"awssdk", "disableSSL", "disable_https", "endpoint", "prefix", "profile", "region", "s3ForcePathStyle", "use_path_style"}

// ParseURL parses a target URL in gocloud's blob form,
// s3://BUCKET?region=R&endpoint=URL&use_path_style=true.
func ParseURL(raw string) (*Location, error) {
	bad := func(en, zh string, cause error) error {
		return newError(fmt.Sprintf("malformed target URL %q: %s", raw, en), fmt.Sprintf("目标 URL %q 有误：%s", raw, zh), cause)
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, bad("not a URL", "不是有效的网址", err)
	}
	switch u.Scheme {
	case "s3":
	case "":
		return nil, bad("no scheme: write s3://BUCKET?…", "缺少协议：应写作 s3://存储桶?…", nil)
	case "gs", "azblob", "file", "mem":
		return nil, bad(fmt.Sprintf("showcase deploy uploads to S3-compatible storage only (s3://), not %s://", u.Scheme),
			fmt.Sprintf("showcase deploy 只支持 S3 兼容存储（s3://），不支持 %s://", u.Scheme), nil)
	default:
		return nil, bad(fmt.Sprintf("unknown scheme %q: write s3://BUCKET?…", u.Scheme), fmt.Sprintf("未知协议 %q：应写作 s3://存储桶?…", u.Scheme), nil)
	}
	loc := &Location{Bucket: u.Host}
	if loc.Bucket == "" || u.User != nil || u.Port() != "" {
		return nil, bad("the bucket name must follow s3://", "s3:// 之后应是存储桶名称", nil)
	}
	if u.Path != "" && u.Path != "/" {
		return nil, bad("a key prefix goes in ?prefix=DIR/, not in the path", "键前缀应写作 ?prefix=目录/，而不是写在路径中", nil)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, bad("bad query", "查询参数有误", err)
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	boolean := func(k, v string) (bool, error) {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return false, bad(fmt.Sprintf("%s=%q must be true or false", k, v), fmt.Sprintf("%s=%q 必须是 true 或 false", k, v), nil)
		}
		return b, nil
	}
	endpoint := ""
	for _, k := range keys {
		v := q.Get(k)
		if len(q[k]) > 1 {
			return nil, bad(fmt.Sprintf("parameter %s given twice", k), fmt.Sprintf("参数 %s 重复", k), nil)
		}
		switch k {
		case "region":
			loc.Region = v
		case "endpoint":
			endpoint = v
		case "use_path_style", "s3ForcePathStyle":
			b, err := boolean(k, v)
			if err != nil {
				return nil, err
			}
			loc.PathStyle = loc.PathStyle || b
		case "disable_https", "disableSSL":
			b, err := boolean(k, v)
			if err != nil {
				return nil, err
			}
			loc.DisableHTTPS = loc.DisableHTTPS || b
		case "profile":
			loc.Profile = v
		case "prefix":
			p := strings.TrimLeft(v, "/")
			if p != "" && !strings.HasSuffix(p, "/") {
				p += "/"
			}
			if strings.Contains(p, "//") || strings.Contains("/"+p, "/../") || strings.Contains("/"+p, "/./") {
				return nil, bad(fmt.Sprintf("prefix %q is not a clean path", v), fmt.Sprintf("prefix %q 不是规范的路径", v), nil)
			}
			loc.Prefix = p
		case "awssdk":
			if v != "" && v != "v1" && v != "v2" && v != "V1" && v != "V2" {
				return nil, bad(fmt.Sprintf("awssdk=%q must be v1 or v2", v), fmt.Sprintf("awssdk=%q 必须是 v1 或 v2", v), nil)
			}
		default:
			return nil, bad(fmt.Sprintf("unknown parameter %q (known: %s)", k, strings.Join(urlParams, ", ")),
				fmt.Sprintf("未知参数 %q（可用：%s）", k, strings.Join(urlParams, "、")), nil)
		}
	}
	if endpoint != "" {
		if !strings.Contains(endpoint, "://") {
			scheme := "https://"
			if loc.DisableHTTPS {
				scheme = "http://"
			}
			endpoint = scheme + endpoint
		}
		e, err := url.Parse(endpoint)
		if err != nil || (e.Scheme != "http" && e.Scheme != "https") || e.Host == "" || (e.Path != "" && e.Path != "/") || e.RawQuery != "" {
			return nil, bad(fmt.Sprintf("endpoint %q must be an http(s) URL of a host, like https://s3.oss-cn-hangzhou.aliyuncs.com", q.Get("endpoint")),
				fmt.Sprintf("endpoint %q 必须是主机的 http(s) 网址，如 https://s3.oss-cn-hangzhou.aliyuncs.com", q.Get("endpoint")), nil)
		}
		if loc.DisableHTTPS {
			e.Scheme = "http"
		}
		e.Path = ""
		loc.Endpoint = e.String()
	}
	return loc, nil
}

// websiteRedirects reports whether redirects are set on loc's objects as
// x-amz-website-redirect-location: on Amazon S3 and S3-compatible servers
// that serve websites the same way, but not on Alibaba Cloud OSS and
// Tencent COS, whose website hosting has rules of its own; there the
// alias pages move the reader.
func (l *Location) websiteRedirects() bool {
	if l.Endpoint == "" {
		return true
	}
	u, err := url.Parse(l.Endpoint)
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	return !strings.HasSuffix(h, ".aliyuncs.com") && !strings.HasSuffix(h, ".myqcloud.com") && !strings.HasSuffix(h, ".tencentcos.cn")
}
