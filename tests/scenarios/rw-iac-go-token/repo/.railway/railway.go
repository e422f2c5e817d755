package main

import "github.com/railwayapp/railway-go-iac/iac"

func Railway() iac.Project {
	bot := iac.ServiceNamed("bot", iac.ServiceConfig{
		"start": "python bot.py",
		"env": map[string]any{
			"BOT_TOKEN": "8080729458:AAOzAxzXMcU1vsHiQMaRiNTN9Ox98whGcTZ",
		},
	})
	return iac.ProjectNamed("bot", []any{bot})
}
