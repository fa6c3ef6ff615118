"""Patient guidance on leg numbness, served by the content API."""
