package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// Path is where builds publish the schema, below the site root.
const Path = "data/story.schema.json"

// Draft is the JSON Schema dialect of the generated schema.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Schema is the subset of a JSON Schema this package writes. True and
// False stand for the boolean schemas.
type Schema struct {
	Schema               string             `json:"$schema,omitempty"`
	ID                   string             `json:"$id,omitempty"`
	Title                string             `json:"title,omitempty"`
	Description          string             `json:"description,omitempty"`
	Type                 any                `json:"type,omitempty"` // a name or a list of names
	Enum                 []any              `json:"enum,omitempty"`
	Pattern              string             `json:"pattern,omitempty"`
	MaxLength            int                `json:"maxLength,omitempty"`
	Minimum              *int               `json:"minimum,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	Properties           map[string]*Schema `json:"properties,omitempty"`
	Required             []string           `json:"required,omitempty"`
	AdditionalProperties *bool              `json:"additionalProperties,omitempty"`
	AnyOf                []*Schema          `json:"anyOf,omitempty"`
	If                   *Schema            `json:"if,omitempty"`
	Then                 *Schema            `json:"then,omitempty"`

	boolean *bool // set for the boolean schemas true and false
}

// MarshalJSON writes the boolean schemas as true and false.
func (s *Schema) MarshalJSON() ([]byte, error) {
	if s.boolean != nil {
		return json.Marshal(*s.boolean)
	}
	type plain Schema
	return json.Marshal((*plain)(s))
}

var yes, no = true, false

// Any is the schema every value matches (true).
var Any = &Schema{boolean: &yes}

// Story returns the schema of a story's front matter on site s. id, if
// not empty, is the schema's $id (its published URL).
func Story(s *site.Site, id string) (*Schema, error) {
	types, err := storyTypes(s)
	if err != nil {
		return nil, err
	}
	root := &Schema{
		Schema: Draft, ID: id,
		Title:       "showcase story front matter",
		Description: "故事（创新项目）的 front matter：content/stories/<slug>.md 或 content/stories/<slug>/index.md。",
		Type:        "object", Properties: map[string]*Schema{}, Required: content.StoryRequired, AdditionalProperties: &no,
		// cover needs cover_alt, a text alternative for the image.
		If:   &Schema{Properties: map[string]*Schema{"cover": {Type: "string", Pattern: `\S`}}, Required: []string{"cover"}},
		Then: &Schema{Properties: map[string]*Schema{"cover_alt": {Type: "string", Pattern: `\S`}}, Required: []string{"cover_alt"}},
	}
	if err := fill(root, "story", content.StoryKeys(), types); err != nil {
		return nil, err
	}
	for _, k := range content.HugoKeys() {
		if root.Properties[k] == nil {
			root.Properties[k] = Any
		}
	}
	return root, nil
}

// fill gives obj a property for every key the loader reads, with the type
// this package declares for it.
func fill(obj *Schema, what string, keys []string, types map[string]*Schema) error {
	for _, k := range keys {
		t := types[k]
		if t == nil {
			return fmt.Errorf("schema: the loader reads %s key %q, which has no type here", what, k)
		}
		obj.Properties[k] = t
	}
	for k := range types {
		if !slices.Contains(keys, k) {
			return fmt.Errorf("schema: %s key %q has a type here but the loader does not read it", what, k)
		}
	}
	return nil
}

// JSON returns the schema as indented JSON with a final newline.
func JSON(sc *Schema) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Generate returns the story schema of s as JSON, with id as its $id.
func Generate(s *site.Site, id string) ([]byte, error) {
	sc, err := Story(s, id)
	if err != nil {
		return nil, err
	}
	return JSON(sc)
}
