/* bundle_read.c - placeholder of issue 13 (being written). */
typedef int sitat_placeholder_bundle_read;
