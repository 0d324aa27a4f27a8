"""Related stories: SEE ALSO headlines matched to stories, and the most
similar stories of the digest. Pure: plain values in and out."""
