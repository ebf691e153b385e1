package retrieval

import (
	"slices"
	"testing/fstest"
)

func fstestMap(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

func equalStrings(a, b []string) bool { return slices.Equal(a, b) }
