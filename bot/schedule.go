package bot

import "github.com/bwmarrin/discordgo"

// extraCommands are the admin-only commands, registered beside the open
// ones.
func (b *Bot) extraCommands() []*discordgo.ApplicationCommand { return nil }

// extraCommand handles an admin-only command and reports whether it knew it.
func (b *Bot) extraCommand(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) bool {
	return false
}
