package cmd

import (
	"os"
	"os/signal"

	"github.com/bwmarrin/discordgo"
	"github.com/spf13/cobra"
)

var rootCmd = &cobra.Command{
	Use: "guildkeeper",
	Run: runBot,
}

func Execute() {
	_ = rootCmd.Execute()
}

func runBot(c *cobra.Command, args []string) {
	dg, err := discordgo.New("Bot " + os.Getenv("GUILDKEEPER_TOKEN"))
	if err != nil {
		return
	}
	if err := dg.Open(); err != nil {
		return
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop
}
