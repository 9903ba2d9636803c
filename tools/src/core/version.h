/* version.h - the version of sitat, printed by --version and written into
 * every generated file and manifest. */
#ifndef SITAT_VERSION_H
#define SITAT_VERSION_H

#define SITAT_VERSION "0.5.0"

#endif
