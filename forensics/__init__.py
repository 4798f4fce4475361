"""Reading evidence: image containers, volumes, file systems, content. No database, no Qt."""
