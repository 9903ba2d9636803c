/* refi_read.c - being written (issue 12). */
typedef int refi_read_placeholder;
