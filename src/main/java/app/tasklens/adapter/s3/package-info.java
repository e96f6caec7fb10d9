/**
 * The S3-compatible adapter of the object store (AWS S3, MinIO, Ceph RGW, Garage…): browsers send and
 * fetch the bytes straight to and from the bucket with presigned requests; Tasklens reads headers in
 * ranges and keeps thumbnails beside the images.
 */
package app.tasklens.adapter.s3;
