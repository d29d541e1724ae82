package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestSchemaCommand checks that `showcase schema` prints the schema a
// build publishes, byte for byte.
func TestSchemaCommand(t *testing.T) {
	root := "../.."
	out, stderr, err := runCLI(t, nil, "schema", "-s", root)
	if err != nil {
		t.Fatalf("schema: %v\n%s", err, stderr)
	}
	var doc struct {
		Schema string `json:"$schema"`
		ID     string `json:"$id"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "https://json-schema.org/draft/2020-12/schema" || doc.ID != "https://example.org/data/story.schema.json" {
		t.Errorf("$schema %q, $id %q", doc.Schema, doc.ID)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, stderr, err := runCLI(t, nil, "build", "-q", "-s", root, "-d", dest); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	built, err := os.ReadFile(filepath.Join(dest, "data", "story.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if string(built) != out {
		t.Error("the published schema differs from what showcase schema prints")
	}
}
