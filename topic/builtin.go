package topic

import _ "embed"

// builtinYAML is the built-in topics; never modified.
//
//go:embed defaults.yaml
var builtinYAML string

// BuiltinFile names the file of the built-in topics in messages.
const BuiltinFile = "topic/defaults.yaml"

// BuiltinYAML returns the built-in topics as YAML: a mapping whose one key,
// topics, holds a list of Specs, in the form of a config file's topics
// section. Package config parses it with the config's own topics, which
// add to it and override it (see Override).
func BuiltinYAML() string { return builtinYAML }
