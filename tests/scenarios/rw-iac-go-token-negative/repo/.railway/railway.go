package main

import "github.com/railwayapp/railway-go-iac/iac"

func Railway() iac.Project {
	bot := iac.ServiceNamed("bot", iac.ServiceConfig{
		"start": "python bot.py",
		"env": map[string]any{
			"BOT_TOKEN": iac.Preserve(),
		},
	})
	return iac.ProjectNamed("bot", []any{bot})
}
