module github.com/keypoints-dev/keypoints

go 1.26
