package deploy

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// metaMD5 is the object metadata key that holds the hex MD5 of the bytes
// uploaded: Hugo's (gocloud's) name, so that both tools read each other's.
const metaMD5 = "md5chksum"

// object is what a listing tells of a remote object.
type object struct {
	Size int64
	ETag string // without quotes
}

// bucket is a target's bucket, reached through the S3 API.
type bucket struct {
	c   *s3.Client
	loc *Location
}

// open builds an S3 client for loc from the SDK's standard credential
// sources and checks that credentials exist.
func open(ctx context.Context, loc *Location, o *Options) (*bucket, error) {
	opts := []func(*config.LoadOptions) error{
		config.WithRequestChecksumCalculation(aws.RequestChecksumCalculationWhenRequired),
		config.WithResponseChecksumValidation(aws.ResponseChecksumValidationWhenRequired),
		config.WithLogger(logging.Nop{}), // failures come back as errors; the SDK's warnings are noise here
		config.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(so *retry.StandardOptions) {
				if o.MaxAttempts > 0 {
					so.MaxAttempts = o.MaxAttempts
				} else {
					so.MaxAttempts = 5
				}
				if o.MaxBackoff > 0 {
					so.MaxBackoff = o.MaxBackoff
				}
			})
		}),
	}
	if loc.Region != "" {
		opts = append(opts, config.WithRegion(loc.Region))
	}
	if loc.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(loc.Profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, newError("cannot load the storage credentials and settings", "无法加载存储的凭据和设置", err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if cfg.Credentials == nil {
		return nil, errNoCredentials(nil)
	}
	if _, err := cfg.Credentials.Retrieve(cctx); err != nil {
		return nil, errNoCredentials(err)
	}
	c := s3.NewFromConfig(cfg, func(so *s3.Options) {
		if loc.Endpoint != "" {
			so.BaseEndpoint = aws.String(loc.Endpoint)
		}
		so.UsePathStyle = loc.PathStyle
		if o.HTTPClient != nil {
			so.HTTPClient = o.HTTPClient
		}
	})
	return &bucket{c: c, loc: loc}, nil
}

func errNoCredentials(cause error) error {
	return newError("no storage credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with ~/.aws/credentials (never in hugo.toml)",
		"找不到存储凭据：请设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY，或用 AWS_PROFILE 指向 ~/.aws/credentials 中的配置（不要写在 hugo.toml 里）", cause)
}

// listRange is how many local keys a range of the listing holds: under
// the 1,000 keys of a listing page, so that a range is mostly one request.
var listRange = 900

// list returns every object under the location's prefix, by key relative
// to the prefix. The key space is cut into ranges at every listRange-th
// of the sorted local keys, and the ranges are listed concurrently (S3
// lists keys in UTF-8 byte order and starts after any key), so that a
// large site is not listed one page after another.
func (b *bucket) list(ctx context.Context, local []string, workers int) (map[string]object, error) {
	sorted := append([]string(nil), local...)
	sort.Strings(sorted)
	var cuts []string
	for i := listRange; i < len(sorted); i += listRange {
		cuts = append(cuts, sorted[i])
	}
	parts := make([]map[string]object, len(cuts)+1)
	err := parallel(ctx, workers, len(parts), func(i int) error {
		after, upto := "", ""
		if i > 0 {
			after = cuts[i-1]
		}
		if i < len(cuts) {
			upto = cuts[i]
		}
		m, err := b.listBetween(ctx, after, upto)
		parts[i] = m
		return err
	})
	if err != nil {
		return nil, err
	}
	out := map[string]object{}
	for _, m := range parts {
		for k, o := range m {
			out[k] = o
		}
	}
	return out, nil
}

// listBetween lists the keys after after (from the first if "") up to and
// including upto (to the last if "").
func (b *bucket) listBetween(ctx context.Context, after, upto string) (map[string]object, error) {
	out := map[string]object{}
	in := &s3.ListObjectsV2Input{Bucket: aws.String(b.loc.Bucket)}
	if b.loc.Prefix != "" {
		in.Prefix = aws.String(b.loc.Prefix)
	}
	if after != "" {
		in.StartAfter = aws.String(b.loc.Prefix + after)
	}
	p := s3.NewListObjectsV2Paginator(b.c, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, b.explain(err, "list the bucket", "列出存储桶")
		}
		for _, o := range page.Contents {
			key := strings.TrimPrefix(aws.ToString(o.Key), b.loc.Prefix)
			if upto != "" && key > upto {
				return out, nil
			}
			out[key] = object{Size: aws.ToInt64(o.Size), ETag: strings.Trim(aws.ToString(o.ETag), `"`)}
		}
	}
	return out, nil
}

// storedMD5 returns the md5chksum metadata of the object at key, or "".
func (b *bucket) storedMD5(ctx context.Context, key string) (string, error) {
	h, err := b.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b.loc.Bucket), Key: aws.String(b.loc.Prefix + key)})
	if err != nil {
		var nf *s3types.NotFound
		if errors.As(err, &nf) {
			return "", nil
		}
		return "", b.explain(err, "read the metadata of "+key, "读取 "+key+" 的元数据")
	}
	for k, v := range h.Metadata {
		if strings.EqualFold(k, metaMD5) {
			return strings.ToLower(v), nil
		}
	}
	return "", nil
}

// put uploads f with its headers and its MD5 in the metadata.
func (b *bucket) put(ctx context.Context, f *File) error {
	body, err := f.body()
	if err != nil {
		return err
	}
	sum := md5.Sum(body)
	if hex.EncodeToString(sum[:]) != f.MD5 {
		return newError(f.Path+" changed while deploying", f.Path+" 在部署过程中被修改", nil)
	}
	in := &s3.PutObjectInput{
		Bucket:        aws.String(b.loc.Bucket),
		Key:           aws.String(b.loc.Prefix + f.Path),
		Body:          bytes.NewReader(body),
		ContentLength: aws.Int64(int64(len(body))),
		ContentMD5:    aws.String(base64.StdEncoding.EncodeToString(sum[:])),
		ContentType:   aws.String(f.ContentType),
		CacheControl:  aws.String(f.CacheControl),
		Metadata:      map[string]string{metaMD5: f.MD5},
	}
	if f.ContentEncoding != "" {
		in.ContentEncoding = aws.String(f.ContentEncoding)
	}
	if f.Redirect != "" && b.loc.websiteRedirects() {
		in.WebsiteRedirectLocation = aws.String(f.Redirect)
	}
	if _, err := b.c.PutObject(ctx, in); err != nil {
		return b.explain(err, "upload "+f.Path, "上传 "+f.Path)
	}
	return nil
}

// remove deletes the object at key.
func (b *bucket) remove(ctx context.Context, key string) error {
	_, err := b.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b.loc.Bucket), Key: aws.String(b.loc.Prefix + key)})
	if err != nil {
		return b.explain(err, "delete "+key, "删除 "+key)
	}
	return nil
}

// explain turns an SDK error into an [*Error] that says what failed and
// what to do: a missing bucket, refused credentials, an unreachable
// service.
func (b *bucket) explain(err error, what, whatZh string) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return newError("cannot "+what+": interrupted", "无法"+whatZh+"：已中断", err)
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		code := api.ErrorCode()
		var re *smithyhttp.ResponseError
		if errors.As(err, &re) && (re.HTTPStatusCode() == 401 || re.HTTPStatusCode() == 403) && code != "NoSuchBucket" {
			code = "AccessDenied"
		}
		switch code {
		case "NoSuchBucket":
			return newError(fmt.Sprintf("cannot %s: bucket %q does not exist (create it first, or check the URL's bucket, region and endpoint)", what, b.loc.Bucket),
				fmt.Sprintf("无法%s：存储桶 %q 不存在（请先创建，或检查 URL 中的存储桶、region 和 endpoint）", whatZh, b.loc.Bucket), err)
		case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidToken", "ExpiredToken", "Forbidden", "InvalidSecurity",
			"XAdminUserNotFound": // versitygw's name for an unknown access key
			return newError(fmt.Sprintf("cannot %s: the service refused the credentials (check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or the profile, and the key's permissions on bucket %q)", what, b.loc.Bucket),
				fmt.Sprintf("无法%s：服务拒绝了凭据（请检查 AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY 或配置文件，以及该密钥对存储桶 %q 的权限）", whatZh, b.loc.Bucket), err)
		}
	}
	var ne net.Error
	var ue *url.Error
	if errors.As(err, &ne) || errors.As(err, &ue) {
		host := b.loc.Endpoint
		if host == "" {
			host = "Amazon S3"
		}
		return newError(fmt.Sprintf("cannot %s: cannot reach %s", what, host), fmt.Sprintf("无法%s：无法连接 %s", whatZh, host), err)
	}
	return newError("cannot "+what, "无法"+whatZh, err)
}
