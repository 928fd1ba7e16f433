"""The test harness: the reader of a built site, the reader of the seed, the guards that run over a
build, copies of the project to break, and the browser and validator the tests drive. The build
itself lives in sitebuild/; this package only reads and judges what it makes."""
