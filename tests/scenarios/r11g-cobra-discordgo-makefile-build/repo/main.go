package main

import "github.com/someone/guildkeeper/cmd"

func main() {
	cmd.Execute()
}
