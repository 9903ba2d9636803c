/* refiunit.c - being written (issue 12). */
typedef int refiunit_placeholder;
