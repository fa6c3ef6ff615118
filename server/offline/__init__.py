"""What makes the pages an installable, offline app: static files, manifests, and the service worker."""
