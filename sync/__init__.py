"""SharePoint publishing: pages, news, documents and lists on the communication site."""
