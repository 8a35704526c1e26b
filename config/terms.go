package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseTerm splits a topic term written "word", "a phrase" or "word^2.5"
// into its text and weight (1 when no "^weight" suffix is given). The text
// is trimmed and keeps a leading "=" (match the word exactly, unstemmed);
// the weight must be a finite non-zero number: a negative weight counts
// against the topic ("bank^-1").
func ParseTerm(s string) (text string, weight float64, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", 0, fmt.Errorf("empty term")
	}
	i := strings.LastIndexByte(s, '^')
	if i < 0 {
		if strings.TrimSpace(strings.TrimPrefix(s, "=")) == "" {
			return "", 0, fmt.Errorf("term %q has no text", s)
		}
		return s, 1, nil
	}
	text = strings.TrimSpace(s[:i])
	if strings.TrimSpace(strings.TrimPrefix(text, "=")) == "" {
		return "", 0, fmt.Errorf("term %q has no text before ^", s)
	}
	w := strings.TrimSpace(s[i+1:])
	weight, err = strconv.ParseFloat(w, 64)
	if err != nil || math.IsNaN(weight) || math.IsInf(weight, 0) || weight == 0 {
		return "", 0, fmt.Errorf("term %q: bad weight %q: want a non-zero number, as in \"sanksi^2\" or \"bank^-1\"", s, w)
	}
	return text, weight, nil
}
