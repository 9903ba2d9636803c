/* refi_write.c - being written (issue 12). */
typedef int refi_write_placeholder;
