// Checkstatic checks that a Go binary is what the Dockerfile promises: a
// static ELF executable (no PT_INTERP program header naming a dynamic
// loader, no PT_DYNAMIC segment, no .interp or .dynamic section) built
// with CGO_ENABLED=0 and -trimpath (from its build information) and
// -ldflags "-s -w" (no symbol table, no DWARF: -trimpath keeps -ldflags
// out of the build information). It prints one line per binary and exits
// 1 if any check fails.
//
//	go run .ci/checkstatic.go BINARY...
package main

import (
	"debug/buildinfo"
	"debug/elf"
	"fmt"
	"os"
	"strings"
)

func main() {
	failed := false
	for _, path := range os.Args[1:] {
		if problems := check(path); len(problems) > 0 {
			failed = true
			for _, p := range problems {
				fmt.Fprintf(os.Stderr, "checkstatic: %s: %s\n", path, p)
			}
		}
	}
	if failed || len(os.Args) < 2 {
		os.Exit(1)
	}
}

func check(path string) []string {
	var problems []string
	f, err := elf.Open(path)
	if err != nil {
		return []string{err.Error()}
	}
	defer f.Close()
	for _, p := range f.Progs {
		switch p.Type {
		case elf.PT_INTERP:
			problems = append(problems, "has a PT_INTERP program header: it needs a dynamic loader")
		case elf.PT_DYNAMIC:
			problems = append(problems, "has a PT_DYNAMIC segment: it is dynamically linked")
		}
	}
	for _, name := range []string{".interp", ".dynamic"} {
		if f.Section(name) != nil {
			problems = append(problems, "has a "+name+" section")
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		problems = append(problems, "imports shared libraries "+strings.Join(libs, ", "))
	}
	if f.Section(".symtab") != nil {
		problems = append(problems, "has a symbol table: not built with -ldflags=-s")
	}
	for _, sec := range f.Sections {
		if strings.HasPrefix(sec.Name, ".debug_") || strings.HasPrefix(sec.Name, ".zdebug_") {
			problems = append(problems, "has DWARF ("+sec.Name+"): not built with -ldflags=-w")
			break
		}
	}
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		return append(problems, "no Go build information: "+err.Error())
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if settings["CGO_ENABLED"] != "0" {
		problems = append(problems, fmt.Sprintf("CGO_ENABLED=%q, want 0", settings["CGO_ENABLED"]))
	}
	if settings["-trimpath"] != "true" {
		problems = append(problems, "not built with -trimpath")
	}
	if len(problems) == 0 {
		info, _ := os.Stat(path)
		fmt.Printf("%s: static %s/%s ELF, no symbols or DWARF, %.1f MB, %s, CGO_ENABLED=0 -trimpath\n",
			path, settings["GOOS"], settings["GOARCH"], float64(info.Size())/1e6, bi.GoVersion)
	}
	return problems
}
