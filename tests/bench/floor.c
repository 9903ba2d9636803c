/* floor.c - the floor for sitat's benchmarks: read every file of an
 * evidence store (project.json, codebook.json, sources/ID.json,
 * sources/ID.txt, codings/ID.json) and parse each JSON file with cJSON;
 * nothing else.  No program that reads the store can be faster than this
 * by much, so the generators are compared with it.
 *
 *   cc -O2 -o build/bench/floor tests/bench/floor.c \
 *       $(pkg-config --cflags --libs libcjson)
 *   build/bench/floor STORE */
#define _POSIX_C_SOURCE 200809L

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static size_t nfiles, nbytes, njson;

static void die(const char *what, const char *path)
{
	fprintf(stderr, "floor: %s: %s\n", path, what ? what : strerror(errno));
	exit(2);
}

static void one(const char *path, int json)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die(NULL, path);
	struct stat st;
	if (fstat(fileno(f), &st) < 0)
		die(NULL, path);
	size_t len = (size_t)st.st_size;
	char *data = malloc(len + 1);
	if (!data)
		die("out of memory", path);
	if (fread(data, 1, len, f) != len)
		die("short read", path);
	fclose(f);
	data[len] = 0;
	nfiles++;
	nbytes += len;
	if (json) {
		cJSON *j = cJSON_ParseWithLength(data, len);
		if (!j)
			die("JSON syntax error", path);
		njson++;
		cJSON_Delete(j);
	}
	free(data);
}

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n > m && strcmp(s + n - m, suf) == 0;
}

static void dir(const char *root, const char *sub)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", root, sub);
	DIR *d = opendir(path);
	if (!d)
		die(NULL, path);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		int json = ends_with(e->d_name, ".json");
		if (!json && !ends_with(e->d_name, ".txt"))
			continue;
		snprintf(path, sizeof path, "%s/%s/%s", root, sub, e->d_name);
		one(path, json);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: floor STORE\n");
		return 2;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/project.json", argv[1]);
	one(path, 1);
	snprintf(path, sizeof path, "%s/codebook.json", argv[1]);
	one(path, 1);
	dir(argv[1], "sources");
	dir(argv[1], "codings");
	printf("floor: %zu files, %zu JSON, %zu bytes\n", nfiles, njson, nbytes);
	return 0;
}
