package bot

import (
	"github.com/bwmarrin/discordgo"
)

func (b *Bot) cmdBrief(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) {
	b.ephemeral(i, "The daily brief is not available yet.")
}
