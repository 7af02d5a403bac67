package io.floatwatch.testkit.aws;

import java.util.UUID;

/**
 * The plain Query protocol's XML shapes (CloudWatch, STS): answers wrapped in
 * {@code <OpResponse><OpResult>} with {@code ResponseMetadata}, errors as
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>}, lists as {@code member}.
 * EC2's flavour differs (lowercase elements, {@code item}, {@code <Response><Errors>}) and lives in {@link Ec2Protocol}.
 */
final class QueryXml {

    static final String XML = "text/xml";

    private QueryXml() {
    }

    static XmlWriter open(String operation, String namespace) {
        return new XmlWriter().open(operation + "Response", namespace).open(operation + "Result");
    }

    static String close(XmlWriter xml, String operation) {
        return xml.close(operation + "Result")
                .open("ResponseMetadata").leaf("RequestId", UUID.randomUUID()).close("ResponseMetadata")
                .close(operation + "Response").toString();
    }

    static SimResponse error(String namespace, int status, String code, String message) {
        String body = new XmlWriter().open("ErrorResponse", namespace)
                .open("Error").leaf("Type", status >= 500 ? "Receiver" : "Sender").leaf("Code", code).leaf("Message", message).close("Error")
                .leaf("RequestId", UUID.randomUUID()).close("ErrorResponse").toString();
        return SimResponse.of(status, XML, body);
    }
}
