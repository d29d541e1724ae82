package publish_test

import (
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"

	"github.com/ningbo-showcase/showcase/generator/publish"
)

func ExampleBegin() {
	parent, err := os.MkdirTemp("", "example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(parent)
	dest := filepath.Join(parent, "public")

	tx, err := publish.Begin(dest, publish.Options{Keep: []string{"CNAME"}})
	if err != nil {
		log.Fatal(err)
	}
	defer tx.Abort() // does nothing once committed
	if err := tx.WriteFile("index.html", []byte("<p>宁波统一战线创新成果展</p>")); err != nil {
		log.Fatal(err) // the deferred Abort leaves DEST as it was
	}
	if err := tx.WriteFile("robots.txt", []byte("User-agent: *\n")); err != nil {
		log.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		log.Fatal(err)
	}

	fs.WalkDir(os.DirFS(dest), ".", func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			fmt.Println(p)
		}
		return err
	})
	page, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	fmt.Printf("%s\n%+v\n", page, tx.Stats())
	// Output:
	// .showcase-build
	// index.html
	// robots.txt
	// <p>宁波统一战线创新成果展</p>
	// {Files:2 Bytes:54 Written:2 Compressed:0 CompressedBytes:0 Removed:0}
}

func ExampleFingerprint() {
	hashed, integrity := publish.Fingerprint("js/app.js", []byte("alert('Hello, world.');"))
	fmt.Printf("<script src=\"/%s\" integrity=\"%s\" crossorigin=\"anonymous\"></script>\n", hashed, integrity)
	// Output:
	// <script src="/js/app.ab39cb72c44e.js" integrity="sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO" crossorigin="anonymous"></script>
}

func ExampleMinifier_Minify() {
	m := publish.NewMinifier() // build once, share between goroutines
	for _, f := range []struct{ name, data string }{
		{"css/style.css", "body {\n  margin: 0px;\n  color: #ff0000;\n}\n"},
		{"js/search.mjs", "import { tokenize } from \"./tokenize.js\";\nexport function search(query) {\n  return tokenize(query);\n}\n"},
		{"CNAME", "showcase.example.org\n"},
	} {
		out, err := m.Minify(f.name, []byte(f.data))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%q\n", out)
	}
	// Output:
	// "body{margin:0;color:red}"
	// "import{tokenize}from\"./tokenize.js\";export function search(e){return tokenize(e)}"
	// "showcase.example.org\n"
}

func ExampleMemory() {
	mem := publish.NewMemory()
	mem.WriteFile("stories/xikou/index.html", []byte("<h1>溪口</h1>"))
	mem.WriteFile("index.html", []byte("<h1>首页</h1>"))
	fmt.Println(mem.Paths())
	page, ok := mem.Get("stories/xikou/index.html")
	fmt.Printf("%s %v\n", page, ok)
	fmt.Println(mem.WriteFile("../escape.html", nil))
	// Output:
	// [index.html stories/xikou/index.html]
	// <h1>溪口</h1> true
	// write ../escape.html: invalid path: want a clean slash-separated path inside the site root
}
