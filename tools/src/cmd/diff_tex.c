/* diff_tex.c - placeholder of issue 13 (being written). */
typedef int sitat_placeholder_diff_tex;
