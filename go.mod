module newsdesk

go 1.26.0

require (
	github.com/joho/godotenv v1.5.1
	github.com/kljensen/snowball v0.10.0
	golang.org/x/text v0.43.0
)

require (
	github.com/bwmarrin/discordgo v0.29.0 // indirect
	github.com/gorilla/websocket v1.5.3 // indirect
	golang.org/x/crypto v0.0.0-20210421170649-83a5a9bb288b // indirect
	golang.org/x/sys v0.0.0-20201119102817-f84b799fce68 // indirect
)
