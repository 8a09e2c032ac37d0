package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

var cmdVersion = &command{
	name:  "version",
	usage: "",
	short: "print the version",
	long:  `Version prints the module version and the Go version it was built with.`,
}

func init() {
	cmdVersion.run = func(ctx context.Context, e *env, args []string) error {
		v, gov := "(devel)", ""
		if bi, ok := debug.ReadBuildInfo(); ok {
			v, gov = bi.Main.Version, bi.GoVersion
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					v += " " + s.Value[:12]
				}
			}
		}
		_, err := fmt.Fprintf(e.stdout, "keypoints %s %s\n", v, gov)
		return err
	}
}
