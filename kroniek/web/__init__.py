"""The web dashboard and its JSON API (`kroniek serve`)."""
