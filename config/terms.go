package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseTerm splits a topic term written "word", "a phrase" or "word^2.5"
// into its text and weight (1 when no "^weight" suffix is given). The text
// is trimmed; the weight must be a finite number > 0.
func ParseTerm(s string) (text string, weight float64, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", 0, fmt.Errorf("empty term")
	}
	i := strings.LastIndexByte(s, '^')
	if i < 0 {
		return s, 1, nil
	}
	text = strings.TrimSpace(s[:i])
	if text == "" {
		return "", 0, fmt.Errorf("term %q has no text before ^", s)
	}
	w := strings.TrimSpace(s[i+1:])
	weight, err = strconv.ParseFloat(w, 64)
	if err != nil || math.IsNaN(weight) || math.IsInf(weight, 0) || weight <= 0 {
		return "", 0, fmt.Errorf("term %q: bad weight %q: want a positive number, as in \"sanksi^2\"", s, w)
	}
	return text, weight, nil
}
