/* Text files built into the program by kiosk/tools/embed.sh (the phone page, the demo study
 * materials), so they cannot go missing or out of step with the code wherever it is installed. */
#ifndef KIOSK_CORE_EMBEDDED_H
#define KIOSK_CORE_EMBEDDED_H

struct embedded_file {
	const char *name; /* relative to the folder it was embedded from, e.g. "form.html" */
	const char *text;
};

#endif
