package config

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/warta-news/warta/topic"
)

//go:generate go test -run ^TestBuiltinTopicsGenerated$ -args -update-builtin

// builtinSum is the SHA-256 of the built-in topics' YAML (topic.BuiltinYAML)
// in hex: what generatedBuiltinTopics was generated from.
func builtinSum() string {
	sum := sha256.Sum256([]byte(topic.BuiltinYAML()))
	return hex.EncodeToString(sum[:])
}

// builtinTopics returns the built-in topics decoded, and whether they came
// from generatedBuiltinTopics: every process loads the same embedded YAML,
// whose decoding cost more CPU than a 1,000-source config file's. When the
// YAML is not the one generated from (topic/defaults.yaml edited without
// `go generate ./config`), it returns false and the caller decodes it.
func builtinTopics() ([]topic.Spec, bool) {
	if builtinSum() != generatedBuiltinSum {
		return nil, false
	}
	return generatedBuiltinTopics(), true
}

// decodeBuiltin decodes the built-in topics' YAML as a config file's topics
// section is decoded, with the positions its errors name.
func decodeBuiltin() ([]topic.Spec, *document, Errors) {
	var builtin struct {
		Topics []topic.Spec `yaml:"topics"`
	}
	doc, errs := decodeFile(topic.BuiltinFile, []byte(topic.BuiltinYAML()), &builtin)
	return builtin.Topics, doc, errs
}
