"""Coming and going: importing time from other trackers, and the files a practice takes along."""
