package main

import (
	"context"
	"fmt"
	"io"

	"github.com/warta-news/warta/topic"
)

// cmdTopics prints the built-in topics as YAML, comments included: pasted
// into a config file, whole or in part, it is that config's topics: section
// (a topic there replaces the built-in one of its slug). It reads no
// config.
func cmdTopics(_ context.Context, e *env) error {
	fs := e.flags("topics")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	if _, err := io.WriteString(e.stdout, topic.BuiltinYAML()); err != nil {
		return fmt.Errorf("topics: %w", err)
	}
	return nil
}
